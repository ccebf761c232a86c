import recordsZh from './locales/zh-CN.json';
import recordsEn from './locales/en-US.json';

export { RecordsPage, type RecordsPageProps } from './RecordsPage';
/** A record read only, beside an approval or an instance. */
export { RecordSummary } from './RecordSummary';
/** Picks records of a form, searched by its name field. */
export { RelationSelect } from './RelationSelect';
export { RecordsScopeContext } from './scope';
export { RecordActionsContext, type RecordActions } from './scope';
/** Conditions on a form's fields in the shared filter language (a list's filter, a schedule's records). */
export { FilterBuilder } from './FilterBuilder';
export { conditionsOf, countConditions, type FilterNode } from './filter';
export { MemberSelect } from './MemberSelect';
/** Set around the records page: the form whose files its attachment and image fields show. */
export { FileScopeContext } from './scope';
/** The page's texts, to mount under the `records` key of the translation namespace. */
export { recordsZh, recordsEn };
