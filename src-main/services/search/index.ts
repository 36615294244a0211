export { ftsQuery, SearchIndex } from './search-index';
