import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AuthUser, CurrentUser, NotFoundError, Roles, ZodBody, ZodValidationPipe } from '@saga/service-kit';
import { CreateCouponUseCase } from '../../application/create-coupon/create-coupon.use-case';
import { GetCouponQuery } from '../../application/get-coupon/get-coupon.query';
import { GrantCouponUseCase } from '../../application/grant-coupon/grant-coupon.use-case';
import { ListMyCouponsQuery } from '../../application/list-my-coupons/list-my-coupons.query';
import { CouponIdParam, CreateCouponBody, GrantCouponBody } from './schemas';

@Controller('coupons')
export class CouponsController {
  constructor(
    private readonly createCoupon: CreateCouponUseCase<unknown>,
    private readonly grantCoupon: GrantCouponUseCase<unknown>,
    private readonly listMyCoupons: ListMyCouponsQuery<unknown>,
    private readonly getCoupon: GetCouponQuery<unknown>,
  ) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  create(@ZodBody(CreateCouponBody) body: CreateCouponBody) {
    return this.createCoupon.execute(body);
  }

  @Post(':id/grant')
  @Roles('admin')
  @HttpCode(201)
  async grant(
    @Param('id', new ZodValidationPipe(CouponIdParam)) couponId: string,
    @ZodBody(GrantCouponBody) body: GrantCouponBody,
  ) {
    await this.grantCoupon.execute({ couponId, userId: body.userId });
    return { couponId, userId: body.userId, status: 'AVAILABLE' };
  }

  /** Declared before ':id' so 'mine' is never read as a coupon id. */
  @Get('mine')
  @Roles('customer')
  mine(@CurrentUser() user: AuthUser) {
    return this.listMyCoupons.execute(user.id);
  }

  @Get(':id')
  @Roles('customer', 'admin')
  async get(@Param('id') couponId: string) {
    const result = CouponIdParam.safeParse(couponId);
    if (!result.success) throw new NotFoundError(`coupon ${couponId} not found`);
    return this.getCoupon.execute(result.data);
  }
}
