import { BadRequestException, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { FieldError } from '../http-errors.js';
import { campIdProblems, mergeByField, rawInputProblems } from './input-rules.js';

/** The 400 every service answers for input that breaks a shared rule (same shape as the validation pipe's). */
export function inputRefused(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Some fields are missing or not valid',
    errors: mergeByField(errors),
  });
}

/**
 * One rule for every route of every service, applied right after the body is parsed and before
 * guards, interceptors or validation touch it: no NUL characters and no impossible calendar dates in
 * any string of the body or the query, no body nested deeper than MAX_INPUT_DEPTH, and a `campId`
 * query parameter that looks like a camp id. Path parameters are checked by the validation pipe,
 * which knows their names.
 */
@Injectable()
export class InputRulesMiddleware implements NestMiddleware<Request, Response> {
  use(request: Request, _response: Response, next: NextFunction): void {
    const query: unknown = request.query;
    const errors = [...rawInputProblems(query), ...rawInputProblems(request.body)];
    if (query !== null && typeof query === 'object' && 'campId' in query) {
      errors.push(...campIdProblems('campId', Reflect.get(query, 'campId')));
    }
    if (errors.length > 0) throw inputRefused(errors);
    next();
  }
}
