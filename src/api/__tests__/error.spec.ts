import { parseErrorBody } from '../index';

describe('parseErrorBody', () => {
  it('reads a full ErrorBody', () => {
    expect(
      parseErrorBody(
        '{"statusCode":400,"code":"invalid_request","message":"bad","field":"query/q"}'
      )
    ).toEqual({ statusCode: 400, code: 'invalid_request', message: 'bad', field: 'query/q' });
  });

  it('leaves field out when the body has none', () => {
    expect(parseErrorBody('{"statusCode":404,"code":"not_found","message":"no"}')).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'no'
    });
  });

  it.each([
    ['not JSON', '<html>'],
    ['JSON null', 'null'],
    ['a string', '"oops"'],
    ['no code', '{"message":"m"}'],
    ['no message', '{"code":"c"}'],
    ['a tornado error', '{"reason":"Forbidden","message":null}']
  ])('returns null for %s', (_, text) => {
    expect(parseErrorBody(text)).toBeNull();
  });
});
