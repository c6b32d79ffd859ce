import { hasDotSegments } from '../../src/core/request-path';

describe('hasDotSegments', () => {
  it.each([
    '/rest/../api/v1/settings',
    '/rest/./api',
    '/rest/%2e%2e/api/v1',
    '/rest/%2E./x',
    '/rest/a%2f..%2fb',
    '/rest/a\\..\\b',
    '/rest/%zz/x',
  ])('refuses %s, which could climb out of /rest/ once normalised', (path) => {
    expect(hasDotSegments(path)).toBe(true);
  });

  it.each([
    '/rest/api/2/myself',
    '/rest/api/2/issue/ABC-1.2',
    '/rest/api/2/search?jql=a..b',
    '/rest/x%20y',
  ])('lets %s through: no segment is a dot segment', (path) => {
    expect(hasDotSegments(path)).toBe(false);
  });
});
