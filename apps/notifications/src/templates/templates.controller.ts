import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { PreviewTemplateDto, SetTemplateDto } from './templates.dto.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
@Roles('admin', 'supervisor')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Every SMS template in every language, with overrides' })
  list() {
    return this.templates.list();
  }

  @Put(':template/:language')
  @ApiOperation({ summary: 'Replaces a template’s text in one language (admins)' })
  @Roles('admin')
  set(@Param('template') template: string, @Param('language') language: string, @Body() body: SetTemplateDto, @CurrentUser() user: AuthUser) {
    return this.templates.setOverride(template, language, body.text, user.sub);
  }

  @Delete(':template/:language')
  @ApiOperation({ summary: 'Goes back to the built-in text of a template in one language (admins)' })
  @Roles('admin')
  @HttpCode(204)
  remove(@Param('template') template: string, @Param('language') language: string): Promise<void> {
    return this.templates.removeOverride(template, language);
  }

  @Post('preview')
  @ApiOperation({ summary: 'Renders a template (or a draft) with sample values: text, encoding and segments' })
  @HttpCode(200)
  preview(@Body() body: PreviewTemplateDto) {
    return this.templates.preview(body.template, body.language, body.text);
  }
}
