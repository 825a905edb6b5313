// Errors the Lex V2 runtime API returns. @aws-sdk/client-lex-runtime-v2 (REST-JSON) names the
// exception from the x-amzn-ErrorType header and reads `message` from the body.

export type LexErrorCode =
  | 'ValidationException'
  | 'ResourceNotFoundException'
  | 'DependencyFailedException'
  | 'BadGatewayException'
  | 'InternalServerException'
  | 'ConflictException';

const STATUS: Record<LexErrorCode, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  DependencyFailedException: 424,
  InternalServerException: 500,
  BadGatewayException: 502,
};

export class LexApiError extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: LexErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
    this.httpStatus = STATUS[code];
  }
}
