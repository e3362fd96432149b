import { BatonError } from './baton-error';

/** A body Baton cannot read because of its Content-Type (e.g. JSON sent without `application/json`). */
export class UnsupportedMediaTypeError extends BatonError {
  readonly code = 'unsupported-media-type';
}
