/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Writing an answer: at once, dribbled (slow body) or generated piece by piece (huge body),
 * as roster_fake_service_set_slow_body() and _set_huge_body() say. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

#define STREAM_CHUNK (64 * 1024)

/* An answer whose body is written piece by piece: dribbled (slow) or generated (huge). */
typedef struct
{
  RosterFakeService *service;
  SoupServerMessage *msg;
  GBytes            *body;       /* slow: the whole answer; huge: NULL */
  GBytes            *filler;     /* huge: one chunk of padding, appended again and again */
  guint64            size;
  guint64            offset;
  guint              tick_bytes; /* slow: bytes per tick */
  GSource           *timer;      /* slow */
  gulong             finished_id;
  gulong             wrote_chunk_id;
} FakeStream;

static void
stream_free (FakeStream *stream)
{
  RosterFakeService *self = stream->service;

  self->streams = g_list_remove (self->streams, stream);
  if (stream->timer != NULL)
    {
      g_source_destroy (stream->timer);
      g_source_unref (stream->timer);
    }
  g_signal_handler_disconnect (stream->msg, stream->finished_id);
  if (stream->wrote_chunk_id != 0)
    g_signal_handler_disconnect (stream->msg, stream->wrote_chunk_id);
  g_object_unref (stream->msg);
  g_clear_pointer (&stream->body, g_bytes_unref);
  g_clear_pointer (&stream->filler, g_bytes_unref);
  g_free (stream);
}

/* Runs on the server's context when it stops. */
void
fake_body_free_all (RosterFakeService *self)
{
  while (self->streams != NULL)
    stream_free (self->streams->data);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    FakeStream        *stream)
{
  stream_free (stream);
}

static const char huge_head[] = "{\"status\":\"success\",\"padding\":\"";
static const char huge_tail[] = "\"}";

/* Appends the next piece of a huge answer: only one chunk is ever held, since written chunks
 * are not kept (the body does not accumulate). */
static void
stream_append_huge (SoupServerMessage *msg,
                    FakeStream        *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize head_len = sizeof huge_head - 1;
  gsize tail_len = sizeof huge_tail - 1;

  if (stream->offset == 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_head, head_len);
      stream->offset = head_len;
    }
  else if (stream->offset < stream->size - tail_len)
    {
      gsize n = (gsize) MIN (STREAM_CHUNK, stream->size - tail_len - stream->offset);
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (stream->filler, 0, n);

      soup_message_body_append_bytes (body, chunk);
      stream->offset += n;
    }
  else if (stream->offset < stream->size)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_tail, tail_len);
      stream->offset = stream->size;
    }
  else
    {
      soup_message_body_complete (body);
    }
}

/* Slow: a few bytes a tick, then I/O resumes (it paused itself when it ran out of body). */
static gboolean
stream_tick_cb (gpointer user_data)
{
  FakeStream *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  gsize n = (gsize) MIN (stream->tick_bytes, stream->size - stream->offset);

  if (n > 0)
    {
      g_autoptr(GBytes) piece = g_bytes_new_from_bytes (stream->body, stream->offset, n);

      soup_message_body_append_bytes (body, piece);
      stream->offset += n;
    }
  if (stream->offset == stream->size)
    {
      soup_message_body_complete (body);
      g_clear_pointer (&stream->timer, g_source_unref);
    }
  soup_server_message_unpause (stream->msg);

  return stream->timer != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Sets the whole answer at once; @body (taken) may be NULL for none. */
void
fake_respond_now (SoupServerMessage *msg,
                  guint              status,
                  const char        *content_type,
                  char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

/* Sets the answer and lets libsoup send it, at once, dribbled or blown up as the knobs say.
 * Does not unpause @msg. */
void
fake_respond_body (RosterFakeService *self,
                   SoupServerMessage *msg,
                   guint              status,
                   const char        *content_type,
                   char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint slow_body;
  guint64 huge_body;
  FakeStream *stream;

  g_mutex_lock (&self->lock);
  slow_body = self->slow_body;
  huge_body = self->huge_body;
  g_mutex_unlock (&self->lock);

  if (huge_body > 0)
    {
      g_free (body);
      status = SOUP_STATUS_OK;
      content_type = "application/json";
    }
  else if (slow_body == 0 || body == NULL)
    {
      fake_respond_now (msg, status, content_type, body);
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  stream = g_new0 (FakeStream, 1);
  stream->service = self;
  stream->msg = g_object_ref (msg);
  stream->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  self->streams = g_list_prepend (self->streams, stream);

  if (huge_body > 0)
    {
      char *filler = g_malloc (STREAM_CHUNK);

      memset (filler, 'x', STREAM_CHUNK);
      stream->filler = g_bytes_new_take (filler, STREAM_CHUNK);
      stream->size = MAX (huge_body, sizeof huge_head + sizeof huge_tail);
      stream->wrote_chunk_id = g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_append_huge), stream);
      stream_append_huge (msg, stream);
    }
  else
    {
      /* At most a hundred ticks a second. */
      guint interval = slow_body >= 100 ? 10 : 1000 / slow_body;

      stream->body = g_bytes_new_take (body, strlen (body));
      stream->size = g_bytes_get_size (stream->body);
      stream->tick_bytes = slow_body >= 100 ? slow_body / 100 : 1;
      stream->timer = g_timeout_source_new (interval);
      g_source_set_callback (stream->timer, stream_tick_cb, stream, NULL);
      g_source_attach (stream->timer, self->context);
    }
}
