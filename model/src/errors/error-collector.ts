import { ChaincodeError } from './chaincode-error';
import { MAX_REPORTED_ERRORS, type ErrorCode, type FieldError } from './error-codes';

/** Collects errors up to the cap. */
export class ErrorCollector {
  readonly errors: FieldError[] = [];
  private total = 0;

  add(code: ErrorCode, path: string, message: string, index?: number): void {
    this.total++;
    if (this.errors.length >= MAX_REPORTED_ERRORS) return;
    const e: FieldError = { code, path, message };
    if (index !== undefined) e.index = index;
    this.errors.push(e);
  }

  addAll(errors: FieldError[]): void {
    for (const e of errors) this.add(e.code, e.path, e.message, e.index);
  }

  get count(): number {
    return this.total;
  }

  get full(): boolean {
    return this.errors.length >= MAX_REPORTED_ERRORS;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw ChaincodeError.fromErrors(this.errors);
  }
}
