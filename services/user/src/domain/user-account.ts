/** A buyer's wallet. Balance in integer minor units, never below zero. */
export interface UserAccount {
  id: string;
  name: string;
  balance: number;
}
