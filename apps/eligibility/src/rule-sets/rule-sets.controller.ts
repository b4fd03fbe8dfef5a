import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { RuleSetDocumentDto } from './dto/rule-set-document.dto.js';
import { RuleSetsService } from './rule-sets.service.js';

@ApiTags('rule-sets')
@ApiBearerAuth()
@Controller('rule-sets')
export class RuleSetsController {
  constructor(private readonly ruleSets: RuleSetsService) {}

  @Get()
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Every rule set, newest first; exactly one is active' })
  list(): ReturnType<RuleSetsService['list']> {
    return this.ruleSets.list();
  }

  @Get(':version')
  @Roles('caseworker', 'supervisor', 'admin')
  get(@Param('version', ParseIntPipe) version: number): ReturnType<RuleSetsService['get']> {
    return this.ruleSets.get(version);
  }

  @Post('validate')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Checks a rule set document and lists every problem with its path' })
  validate(@Body() body: RuleSetDocumentDto): ReturnType<RuleSetsService['validate']> {
    return this.ruleSets.validate(body.document);
  }

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Saves a rule set as the next version, inactive' })
  create(@CurrentUser() user: AuthUser, @Body() body: RuleSetDocumentDto): ReturnType<RuleSetsService['create']> {
    return this.ruleSets.create(user, body.document);
  }

  @Post(':version/activate')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Makes this version the one active rule set and re-evaluates every household in batches' })
  activate(@CurrentUser() user: AuthUser, @Param('version', ParseIntPipe) version: number): ReturnType<RuleSetsService['activate']> {
    return this.ruleSets.activate(user, version);
  }
}
