/** A wrapper that makes a real store part, or the directory, fail as storage does while switched off. */
import { StoreUnavailableError } from '../../src/ports';

/** `target`, whose methods reject StoreUnavailableError while `isDown()` is true. */
export function switchable<T extends object>(target: T, isDown: () => boolean): T {
  return new Proxy(target, {
    get(object, property, receiver): unknown {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]): unknown => {
        if (isDown()) {
          return Promise.reject(new StoreUnavailableError('storage is down (test)'));
        }
        return Reflect.apply(value, object, args);
      };
    },
  });
}
