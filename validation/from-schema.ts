/**
 * The type of the values a JSON Schema accepts, for the small schemas Baton writes itself (API
 * request bodies, the department registry): objects of named properties, arrays, strings,
 * numbers, integers, booleans, enums and `nullable`. Written `as const` (or through a `const` type parameter), a schema is then the one
 * statement of its body's shape: no interface beside it to keep in step, no cast between them.
 */
export type FromSchema<S> = S extends { readonly nullable: true } ? NonNull<S> | null : NonNull<S>;

type NonNull<S> = S extends { readonly enum: readonly (infer Choice)[] }
  ? Choice
  : S extends { readonly type: 'string' }
    ? string
    : S extends { readonly type: 'number' | 'integer' }
      ? number
      : S extends { readonly type: 'boolean' }
        ? boolean
        : S extends { readonly type: 'array'; readonly items: infer Items }
          ? FromSchema<Items>[]
          : S extends { readonly type: 'object'; readonly properties: infer Properties }
            ? ObjectOf<Properties, S extends { readonly required: readonly (infer Name)[] } ? Name : never>
            : S extends { readonly type: 'object' }
              ? { [key: string]: unknown }
              : unknown;

type ObjectOf<Properties, Required> = Flatten<
  { -readonly [Name in keyof Properties & Required]: FromSchema<Properties[Name]> } & {
    -readonly [Name in Exclude<keyof Properties, Required>]?: FromSchema<Properties[Name]>;
  }
>;

type Flatten<T> = { [Key in keyof T]: T[Key] };
