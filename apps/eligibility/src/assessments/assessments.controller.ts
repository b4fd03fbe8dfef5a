import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { AssessmentsService } from './assessments.service.js';
import { ListAssessmentsQuery } from './dto/list-assessments.dto.js';

@ApiTags('assessments')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor', 'admin')
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Assessments of your camps by status, with counts per status' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListAssessmentsQuery): ReturnType<AssessmentsService['list']> {
    return this.assessments.list(user, query);
  }

  @Get(':householdId')
  @ApiOperation({ summary: "A household's assessment with every rule's result, in Arabic and English" })
  explanation(
    @CurrentUser() user: AuthUser,
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
  ): ReturnType<AssessmentsService['explanation']> {
    return this.assessments.explanation(user, householdId);
  }
}
