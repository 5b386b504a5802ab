export const PRODUCT_NAME = 'FluxStudio';
