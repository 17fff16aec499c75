/** `order.processing.stock.success` -> `OrderProcessingStockSuccess`: the topic part of a handler's name. */
export const topicHandlerName = (topic: string): string =>
  topic
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
