// Public entry of @formwork/definitions. The metadata model arrives with the definitions issue.
export {};
