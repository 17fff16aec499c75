/** A sellable product. Prices are integer minor units; stock never goes below zero. */
export interface Product {
  id: string;
  name: string;
  price: number;
  stock: number;
}

export interface ProductChanges {
  name?: string;
  price?: number;
  /** Units added to the stock (a restock), never a new absolute value: concurrent reservations stay correct. */
  restock?: number;
}

/** Only name and price travel in the catalog; a pure restock does not change it. */
export function changesCatalog(changes: ProductChanges): boolean {
  return changes.name !== undefined || changes.price !== undefined;
}
