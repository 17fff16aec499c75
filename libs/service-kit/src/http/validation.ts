import { BadRequestException, Body, PipeTransform, Query } from '@nestjs/common';
import { z } from 'zod';

export interface ValidationIssue {
  path: string;
  message: string;
}

export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** 400 `{ error: 'validation_failed', issues: [{ path: 'items.0.quantity', message }] }`. */
export class ValidationFailedException extends BadRequestException {
  constructor(readonly issues: ValidationIssue[]) {
    super({ error: 'validation_failed', issues });
  }
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (!result.success) throw new ValidationFailedException(toValidationIssues(result.error));
    return result.data;
  }
}

export const ZodBody = (schema: z.ZodType) => Body(new ZodValidationPipe(schema));
export const ZodQuery = (schema: z.ZodType) => Query(new ZodValidationPipe(schema));
