export interface CreateUserCommand {
  id?: string;
  name: string;
  balance: number;
}
