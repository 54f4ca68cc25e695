export { minimalPdf } from '../src/db/seed/demo-pdf';
