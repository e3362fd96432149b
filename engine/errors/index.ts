export { BatonError } from './baton-error';
export { ConflictError } from './conflict-error';
export { DefinitionInvalidError } from './definition-invalid-error';
export { ForbiddenError } from './forbidden-error';
export { InvalidRequestError } from './invalid-request-error';
export { NotFoundError } from './not-found-error';
export { UnauthenticatedError } from './unauthenticated-error';
export { UnsupportedMediaTypeError } from './unsupported-media-type-error';
export { type FieldError, ValidationError } from './validation-error';
