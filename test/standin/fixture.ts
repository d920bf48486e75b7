// What a fixture (useStandInServer, useStandIn, useDemoWorkbench) hands its tests: the values its hooks
// set, behind getters that fail with a clear message when read where the hooks have not run.

/** An object whose property `key` reads `read[key]()`, and throws while that is still undefined. */
export function fixtureValues<T extends object>(read: { [K in keyof T]: () => T[K] | undefined }): T {
  const values = {} as T;
  for (const key of Object.keys(read) as (keyof T & string)[]) {
    Object.defineProperty(values, key, {
      enumerable: true,
      get: () => {
        const value = read[key]();
        if (value === undefined) throw new Error(`${key} is set up by the suite's hooks: use it inside a test or hook`);
        return value;
      },
    });
  }
  return values;
}
