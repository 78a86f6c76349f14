import { z } from "zod";

/** Names that resources, workloads and teams are referred to by. */
export const NAME = /^[a-z][a-z0-9-]{0,62}$/;
export const Name = z
  .string()
  .regex(NAME, "use lower case letters, digits and `-`, starting with a letter");

/** A resource's own name: literal text, so that a grant on it is a grant on it alone. */
export const Literal = z
  .string()
  .min(1)
  .regex(/^[^*?]+$/, "a name, without `*` or `?`");

/** Job names may end in one `*`: the workload starts any job whose name has this prefix. */
export const JobName = z
  .string()
  .min(1)
  .regex(/^[^*?]+\*?$/, "a job name or prefix ending in `*`, e.g. fraud-*");
