/** asl-validator 4 ships no types: the part the tests use. */
declare module 'asl-validator' {
  interface AslValidationError {
    errorCode: string;
    message: string;
    path?: string;
  }
  interface AslValidationResult {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidationResult;
  export default aslValidator;
}
