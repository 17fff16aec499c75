import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AuthModule, HealthModule, kafkaReadiness, sqlReadiness, redisReadiness } from '@saga/service-kit';
import { GetOrder } from './application/get-order/get-order.use-case';
import { ListOrders } from './application/list-orders/list-orders.use-case';
import { PlaceOrder } from './application/place-order/place-order.use-case';
import { OrdersController } from './interface/http/orders.controller';
import { OrderContext } from './order-context';

/** Starts relay, consumers and the deadline scanner with the app; stops them on shutdown (SIGTERM). */
@Injectable()
class OrderLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OrderContext) private readonly context: OrderContext) {}

  onApplicationBootstrap(): Promise<void> {
    return this.context.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.context.stop();
  }
}

@Module({})
export class AppModule {
  static forContext(context: OrderContext, authSecret: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot({ secret: authSecret }),
        HealthModule.forRoot([
          sqlReadiness(context.prisma),
          kafkaReadiness(() => context.kafkaProbe.listTopics()),
          redisReadiness(context.redis),
          context.monitor.readiness(),
        ]),
      ],
      controllers: [OrdersController],
      providers: [
        { provide: OrderContext, useValue: context },
        { provide: PlaceOrder, useValue: context.useCases.placeOrder },
        { provide: GetOrder, useValue: context.useCases.getOrder },
        { provide: ListOrders, useValue: context.useCases.listOrders },
        OrderLifecycle,
      ],
    };
  }
}
