export interface TopUpBalanceCommand {
  userId: string;
  amount: number;
}
