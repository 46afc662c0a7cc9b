// Row -> API shapes live with the document use cases (services/documents/views.ts); re-exported for the routes.
export * from '../documents/views.ts';
