import { EntitySchema } from 'typeorm';

export interface DepartmentRow {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export const Department = new EntitySchema<DepartmentRow>({
  name: 'Department',
  tableName: 'departments',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
