import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { NO_ANSWER_POLICIES, type NoAnswerPolicy } from '../seat-replies.service.js';

export class NoAnswerPolicyDto {
  @ApiProperty({
    enum: NO_ANSWER_POLICIES,
    description: 'What a seat nobody confirmed by SMS becomes at the deadline: kept and flagged (default), or released to the waiting list.',
  })
  @IsIn(NO_ANSWER_POLICIES, { message: 'policy must be keep_and_flag or release' })
  policy!: NoAnswerPolicy;
}

export class NoAnswerPolicyViewDto {
  @ApiProperty({ format: 'uuid' }) convoyId!: string;
  @ApiProperty({ enum: NO_ANSWER_POLICIES }) noAnswerPolicy!: NoAnswerPolicy;
}
