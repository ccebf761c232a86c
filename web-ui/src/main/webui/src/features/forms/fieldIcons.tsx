import type { ComponentType } from 'react';
import {
  AlignLeftOutlined,
  ApartmentOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  FieldNumberOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FontSizeOutlined,
  FunctionOutlined,
  LinkOutlined,
  MailOutlined,
  MobileOutlined,
  MoneyCollectOutlined,
  NumberOutlined,
  PaperClipOutlined,
  PercentageOutlined,
  PictureOutlined,
  SelectOutlined,
  SignatureOutlined,
  StarOutlined,
  TableOutlined,
  TagsOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { FieldType } from './types';

/** An icon per field type, for the palette: every type has one (the compiler checks). */
export const FIELD_ICONS: Record<FieldType, ComponentType> = {
  text: FontSizeOutlined,
  textarea: AlignLeftOutlined,
  number: NumberOutlined,
  money: MoneyCollectOutlined,
  percent: PercentageOutlined,
  date: CalendarOutlined,
  datetime: FieldTimeOutlined,
  boolean: CheckSquareOutlined,
  select: CheckCircleOutlined,
  multiselect: UnorderedListOutlined,
  tags: TagsOutlined,
  rating: StarOutlined,
  phone: MobileOutlined,
  email: MailOutlined,
  url: LinkOutlined,
  address: EnvironmentOutlined,
  member: UserOutlined,
  department: ClusterOutlined,
  relation: ApartmentOutlined,
  lookup: SelectOutlined,
  rollup: CalculatorOutlined,
  subform: TableOutlined,
  richtext: FileTextOutlined,
  signature: SignatureOutlined,
  attachment: PaperClipOutlined,
  image: PictureOutlined,
  formula: FunctionOutlined,
  serial: FieldNumberOutlined,
};

/** Decoration: hidden from assistive technology, the type's name says it. */
export function FieldIcon({ type }: { type: FieldType }) {
  const Icon = FIELD_ICONS[type];
  return Icon ? (
    <span aria-hidden="true" style={{ display: 'inline-flex', color: '#8c8c8c' }} data-icon-type={type}>
      <Icon />
    </span>
  ) : null;
}
