export * from './registry-bootstrap';
export * from './embedded-invoker';
