export interface CreateProductCommand {
  /** Chosen by the caller, or generated. */
  id?: string;
  name: string;
  price: number;
  stock: number;
}
