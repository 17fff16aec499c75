/** Everything the bench seeds for one run; ids carry the run id so runs never share state. */
export interface ProductFixture {
  id: string;
  price: number;
  stock: number;
}
export interface UserFixture {
  id: string;
  balance: number;
}
export interface CouponFixture {
  id: string;
  discountType: 'FIXED' | 'PERCENT';
  discountValue: number;
}
export interface Fixtures {
  runId: string;
  stocked: ProductFixture[];
  soldOut: ProductFixture[];
  richUsers: UserFixture[];
  poorUsers: UserFixture[];
  coupons: CouponFixture[];
  /** couponIds granted to each user (every grant can be used by one order). */
  grants: Map<string, string[]>;
}

export function allProducts(f: Fixtures): ProductFixture[] {
  return [...f.stocked, ...f.soldOut];
}

export function allUsers(f: Fixtures): UserFixture[] {
  return [...f.richUsers, ...f.poorUsers];
}
