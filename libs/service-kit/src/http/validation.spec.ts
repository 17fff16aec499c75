import { z } from 'zod';
import { mapErrorToHttp } from './error-mapping';
import { ValidationFailedException, ZodValidationPipe } from './validation';

const Checkout = z.object({
  items: z.array(z.object({ productId: z.string(), quantity: z.number().int().positive() })).min(1),
});

describe('ZodValidationPipe', () => {
  it('returns the parsed value', () => {
    const pipe = new ZodValidationPipe(Checkout);
    expect(pipe.transform({ items: [{ productId: 'p', quantity: 2 }], extra: 1 })).toEqual({
      items: [{ productId: 'p', quantity: 2 }],
    });
  });

  it('reports dotted field paths in a 400 validation_failed body', () => {
    const pipe = new ZodValidationPipe(Checkout);
    let caught: unknown;
    try {
      pipe.transform({
        items: [
          { productId: 'p', quantity: 1 },
          { productId: 'q', quantity: 0 },
        ],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationFailedException);
    const mapped = mapErrorToHttp(caught);
    expect(mapped.status).toBe(400);
    expect(mapped.body).toEqual({
      error: 'validation_failed',
      issues: [{ path: 'items.1.quantity', message: expect.any(String) }],
    });
  });
});
