import { describe, expect, it } from 'vitest';
import { stateMachineFromTemplate } from './stateMachineFromTemplate.ts';

/** The shape CDK gives a DefinitionString: a Fn::Join of JSON text, pseudo parameters and function ARNs. */
const definitionText = (parts: unknown[]): unknown => ({ 'Fn::Join': ['', parts] });

const template = {
  Resources: {
    StepA1234: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { STEP: 'step-a' } } } },
    StepB5678: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { STEP: 'step-b' } } } },
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: definitionText([
          '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:',
          { Ref: 'AWS::Partition' },
          ':states:::lambda:invoke","Parameters":{"FunctionName":"',
          { 'Fn::GetAtt': ['StepA1234', 'Arn'] },
          '","Payload.$":"$"},"Next":"P"},"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"B","States":{"B":{"Type":"Task","Resource":"',
          { 'Fn::GetAtt': ['StepB5678', 'Arn'] },
          '","End":true}}}}}}]}}}',
        ]),
      },
    },
  },
};

describe('stateMachineFromTemplate', () => {
  it('resolves the definition and maps every Task, nested ones too, to its STEP', () => {
    const { definition, functions, optimized } = stateMachineFromTemplate(template);
    expect(functions).toEqual({ A: 'step-a', B: 'step-b' });
    expect(optimized).toEqual(['A']);
    const states = definition['States'] as Record<string, { Resource?: string; Parameters?: Record<string, unknown> }>;
    expect(states['A']?.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(states['A']?.Parameters?.['FunctionName']).toBe('arn:aws:lambda:us-east-1:123456789012:function:StepA1234');
    expect(JSON.stringify(definition)).toContain('"Resource":"arn:aws:lambda:us-east-1:123456789012:function:StepB5678"');
  });

  it('says what is wrong with a template it cannot use', () => {
    expect(() => stateMachineFromTemplate({ Resources: {} })).toThrow(/expected one AWS::StepFunctions::StateMachine, found 0/);
    const noStep = structuredClone(template);
    noStep.Resources.StepB5678.Properties.Environment.Variables = {} as { STEP: string };
    expect(() => stateMachineFromTemplate(noStep)).toThrow(/the Task B invokes no function with a STEP variable/);
    const unknownIntrinsic = { Resources: { M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: definitionText([{ 'Fn::Sub': 'x' }]) } } } };
    expect(() => stateMachineFromTemplate(unknownIntrinsic)).toThrow(/cannot resolve/);
  });
});
