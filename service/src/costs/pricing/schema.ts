import { Type, type Static } from 'typebox';

/** The pricing file as written (YAML, snake_case keys). Documented in examples/pricing/. */
const price = (description: string) => Type.Number({ minimum: 0, description });
const name = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 100 });

export const PricingProfileFile = Type.Object(
  {
    cpu: Type.Number({ minimum: 0, description: 'Cores requested (guarantee)' }),
    memory_gib: Type.Number({ minimum: 0, description: 'Memory requested in GiB' }),
    gpu: Type.Optional(
      Type.Object({ type: name, count: Type.Integer({ minimum: 1, maximum: 64 }) }, { additionalProperties: false })
    ),
    node: Type.Optional(name)
  },
  { additionalProperties: false }
);

export const PricingFile = Type.Object(
  {
    cloud: Type.String({ minLength: 1 }),
    region: Type.String({ minLength: 1 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    prices: Type.Object(
      {
        vcpu_hour: price('Per vCPU-hour'),
        memory_gib_hour: price('Per GiB-hour'),
        gpu_hour: Type.Record(Type.String(), price('Per GPU-hour of that type')),
        node_hour: Type.Optional(Type.Record(Type.String(), price('Per node-hour of that machine type'))),
        storage_gb_month: price('Per GB-month (10^9 bytes, 730 h)'),
        egress_gib: price('Per GiB leaving the cloud')
      },
      { additionalProperties: false }
    ),
    profiles: Type.Optional(Type.Record(Type.String(), PricingProfileFile)),
    default_profile: Type.Optional(Type.String()),
    idle: Type.Optional(
      Type.Object(
        {
          after_minutes: Type.Number({ minimum: 1 }),
          cpu_percent_below: Type.Number({ minimum: 0 })
        },
        { additionalProperties: false }
      )
    )
  },
  { additionalProperties: false }
);
export type PricingFile = Static<typeof PricingFile>;
