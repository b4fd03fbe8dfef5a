import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';

export class ConversationReplyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The SMS as the family wrote it (decrypted for this read, audited)' }) text!: string;
  @ApiProperty({ enum: ['answer', 'unrecognised', 'late', 'no_conversation'] }) outcome!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) answer!: number | null;
  @ApiProperty() receivedAt!: string;
}

export class SurveyAnswerDto {
  @ApiProperty({ description: 'The question (see @awda/sms-text survey.ts)', enum: ['shelter', 'services', 'safety'] }) questionCode!: string;
  @ApiProperty({ description: 'The digit the family sent, 1 to the number of answers of the question' }) answer!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the digit means, e.g. no_shelter (null for a code no longer defined)' })
  answerCode!: string | null;
  @ApiProperty() answeredAt!: string;
}

export class ConversationViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty() campId!: string;
  @ApiProperty({ enum: ['seat_confirmation', 'arrival_check', 'follow_up_survey'] }) purpose!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) convoyId!: string | null;
  @ApiProperty({ enum: ['scheduled', 'open', 'answered', 'expired', 'closed'], description: 'scheduled: a follow-up survey not asked yet (see asksAt)' })
  state!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    enum: ['confirmed', 'declined', 'unanswered', 'safe', 'needs_help', 'no_answer', 'closed', 'completed', 'incomplete'],
  })
  outcome!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When a follow-up survey is (or was) due to be asked' }) asksAt!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty() helpSent!: boolean;
  @ApiProperty({ description: 'A case worker should follow up (answer 2 to the arrival check, or no answer)' }) flagged!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['needs_help', 'no_answer'] }) flagReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) flaggedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) flagClearedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) flagClearedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the case worker wrote when clearing the flag (decrypted for this read)' })
  flagClearNote!: string | null;
  @ApiProperty({ type: [ConversationReplyDto] }) replies!: ConversationReplyDto[];
  @ApiProperty({ type: [SurveyAnswerDto], description: 'The answers of a follow-up survey, in the order given (empty for other purposes)' })
  surveyAnswers!: SurveyAnswerDto[];
}

export class FlaggedHouseholdDto {
  @ApiProperty() conversationId!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty() campId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ enum: ['seat_confirmation', 'arrival_check', 'follow_up_survey'] }) purpose!: string;
  @ApiProperty({ enum: ['needs_help', 'no_answer'] }) flagReason!: string;
  @ApiProperty() flaggedAt!: string;
}

export class FlaggedQueryDto {
  @ApiPropertyOptional({ example: 'mahmoudli' })
  @IsOptional()
  @Matches(CAMP_ID_PATTERN, { message: 'campId must be a camp id such as mahmoudli' })
  campId?: string;
}

export class ClearFlagDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 1000, description: 'What was done to follow the flag up (kept encrypted with the conversation; erased with the household)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  note?: string;
}
