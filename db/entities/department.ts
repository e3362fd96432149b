import { EntitySchema } from 'typeorm';

export interface DepartmentRow {
  id: string;
  name: string;
  /** The department's shared mailbox; null: its members are mailed one by one. */
  email: string | null;
  /** The user who leads it: escalations to `department-lead` reach them. */
  lead: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const Department = new EntitySchema<DepartmentRow>({
  name: 'Department',
  tableName: 'departments',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    email: { type: 'text', nullable: true },
    lead: { type: 'uuid', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
