import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class RuleSetDocumentDto {
  @ApiProperty({
    description: 'The rule set document: { name, rules: [{ id, description: { ar, en }, predicate, params, onFail }], priority }',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  document!: Record<string, unknown>;
}
