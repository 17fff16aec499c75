export interface Viewer {
  id: string;
  role: 'customer' | 'admin';
}
