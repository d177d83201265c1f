// Tables are written whole or not at all (src/fs.ts).
export { writeFileAtomic } from '../fs.js';
