import { assertValidDefinition, Coupon, CouponAlreadyExistsError, DiscountType } from '../../domain';
import { CouponRepository, UnitOfWork } from '../ports';

export interface CreateCouponCommand {
  id?: string;
  name: string;
  discountType: DiscountType;
  discountValue: number;
  totalQuantity: number;
}

export class CreateCouponUseCase<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly coupons: CouponRepository<Tx>,
    private readonly newId: () => string,
  ) {}

  async execute(command: CreateCouponCommand): Promise<Coupon> {
    const definition = { ...command, id: command.id ?? this.newId() };
    assertValidDefinition(definition);
    const created = await this.uow.run((tx) => this.coupons.create(tx, definition));
    if (!created) throw new CouponAlreadyExistsError(definition.id);
    return { ...definition, issuedCount: 0 };
  }
}
