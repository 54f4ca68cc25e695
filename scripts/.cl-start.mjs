import { startCluster } from './lib/galera.mjs';
const t=Date.now(); await startCluster(); console.log('took', Date.now()-t);
