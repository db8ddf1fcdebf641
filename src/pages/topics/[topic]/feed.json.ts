import type { APIRoute, GetStaticPaths } from 'astro';
import { feedResponse, topicFeed, topicFeedPaths } from '../../../feeds/responses.ts';

export const getStaticPaths = (() => topicFeedPaths()) satisfies GetStaticPaths;

/** The topic's notes as a feed (json). */
export const GET: APIRoute = async ({ props }) => feedResponse(await topicFeed(props.topic, props.name), 'json');
