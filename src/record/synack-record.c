/* synack-record.c: the applications' calls made with real sockets at their times, and the kernel's segments captured. */
/* unshare() and accept4() are Linux calls. */
#define _GNU_SOURCE
#include "synack-config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "synack-record-private.h"

/* Enough of each packet for the IP and TCP headers with every option. */
#define CAPTURE_SNAPLEN 128
/* More than the links' MTU. */
#define PACKET_MAX 2048

/* One of the applications' sockets. */
typedef struct {
  int          fd;           /* -1 once closed */
  SynackHostId host;
  guint32      conn;         /* 0 for a listener */
  uint16_t     local_port;
  gboolean     listening;
  gboolean     accept_on_call; /* a listener whose application accepts only when the script says */
  gboolean     connecting;   /* a non-blocking connect() not yet answered */
  gboolean     reading;      /* the application reads what arrives */
  gboolean     eof;
  guint64      received;
} Socket;

/* An action due at a time, on a connection (0: the host's latest). */
typedef struct {
  gint64              due_us;
  guint64             order;       /* calls due at once are made in the order they were scheduled */
  const SynackAction *action;
  guint32             conn;
} Due;

/* A packet on its way from one host's link to the other's. */
typedef struct {
  gint64 arrives_us;
  gsize  len;
  guint8 data[PACKET_MAX];
} Flight;

typedef struct {
  const SynackScript *script;
  SynackRecordNetwork net;
  GQueue              in_flight[SYNACK_N_HOSTS];  /* Flight, by sender: one delay each, so in order */
  GPtrArray          *notes;
  GArray             *sockets;     /* Socket */
  GArray             *due;         /* Due */
  GPtrArray          *repeats;     /* the SynackActions of repeated connects, owned */
  guint64             n_scheduled;
  guint32             next_conn;
  guint32             latest[SYNACK_N_HOSTS];
  gint64              start_us;
  pcap_t             *pcap;        /* a dead handle: the recorder captures what it relays */
  pcap_dumper_t      *dumper;
  GError             *error;       /* the first failure; the recording stops */
} Recorder;

static gint64
now_us (const Recorder *rec)
{
  return g_get_monotonic_time () - rec->start_us;
}

static void
note_once (Recorder *rec, const char *text)
{
  for (guint i = 0; i < rec->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (rec->notes, i), text))
      return;
  g_ptr_array_add (rec->notes, g_strdup (text));
}

static void
schedule (Recorder *rec, gint64 due_us, const SynackAction *action, guint32 conn)
{
  Due due = { due_us, rec->n_scheduled++, action, conn };

  g_array_append_val (rec->due, due);
}

static Socket *
find_socket (Recorder *rec, SynackHostId host, guint32 conn)
{
  if (conn == SYNACK_CONN_LATEST)
    conn = rec->latest[host];
  for (guint i = rec->sockets->len; i-- > 0;)
    {
      Socket *s = &g_array_index (rec->sockets, Socket, i);

      if (s->host == host && s->conn == conn && !s->listening)
        return s;
    }
  return NULL;
}

/* Something the application saw: the reactions waiting for it are due
 * their delay later, on the connection it happened to. */
static void
react (Recorder *rec, const Socket *s, SynackWhen when, guint64 before)
{
  for (size_t i = 0; i < rec->script->n_actions; i++)
    {
      const SynackAction *a = &rec->script->actions[i];

      if (a->when != when || a->trigger_host != s->host || (a->conn != SYNACK_CONN_EACH && a->conn != s->conn))
        continue;
      if (when == SYNACK_WHEN_RECEIVED && !(before < a->amount && s->received >= a->amount))
        continue;
      schedule (rec, now_us (rec) + a->at, a, s->conn);
    }
}

static gboolean
fail_socket (Recorder *rec, const SynackAction *a, const char *call)
{
  int saved = errno;

  g_set_error (&rec->error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_SOCKET, _("line %u: %s() failed: %s"),
               a->line, call, g_strerror (saved));
  return FALSE;
}

static int
new_socket (Recorder *rec, const SynackAction *a, SynackHostId host, uint16_t port)
{
  const SynackParams *params = &rec->script->params;
  struct sockaddr_in local = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd;
  int one = 1;
  int mss = (int) params->mss;

  if (!synack_record_enter (&rec->net, host, &rec->error))
    return -1;
  fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail_socket (rec, a, "socket") - 1;
  inet_pton (AF_INET, synack_record_address (host), &local.sin_addr);
  /* SO_REUSEADDR only where the script sets it: without it, bind() fails
   * while the port's old connections linger, as the lesson shows. */
  if (a->reuseaddr)
    setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  /* An ephemeral port is then chosen by connect(), as for a socket never
   * bound: bind() would take one under its own rules, not connect()'s
   * (which may take over a TIME_WAIT under tcp_tw_reuse, or run out). */
  if (port == 0)
    setsockopt (fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
  if (setsockopt (fd, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof mss) != 0)
    {
      close (fd);
      return fail_socket (rec, a, "setsockopt") - 1;
    }
  if (bind (fd, (struct sockaddr *) &local, sizeof local) != 0)
    {
      int saved = errno;

      close (fd);
      /* As in the simulation, the application sees EADDRINUSE and the
       * script goes on. */
      if (saved == EADDRINUSE && a->what == SYNACK_DO_LISTEN)
        {
          g_ptr_array_add (rec->notes, g_strdup_printf (_("line %u: listen(): %s"), a->line, g_strerror (saved)));
          return -2;
        }
      errno = saved;
      return fail_socket (rec, a, "bind") - 1;
    }
  if (params->keepalive & (1u << host))
    {
      int idle = (int) (params->keepalive_idle / SYNACK_SEC (1));
      int interval = (int) (params->keepalive_interval / SYNACK_SEC (1));
      int probes = params->keepalive_probes;

      setsockopt (fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
      setsockopt (fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
      setsockopt (fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
      setsockopt (fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes);
    }
  return fd;
}

static uint16_t
local_port_of (int fd)
{
  struct sockaddr_in local;
  socklen_t len = sizeof local;

  getsockname (fd, (struct sockaddr *) &local, &len);
  return ntohs (local.sin_port);
}

static gboolean
do_listen (Recorder *rec, const SynackAction *a)
{
  Socket s = { .host = a->host, .listening = TRUE, .accept_on_call = a->accept_paced };

  s.fd = new_socket (rec, a, a->host, a->port);
  if (s.fd == -2)
    return TRUE;
  if (s.fd < 0)
    return FALSE;
  /* Without a backlog, SOMAXCONN as in the simulation (the kernel caps it
   * at net.core.somaxconn either way). */
  if (listen (s.fd, a->has_backlog ? (int) a->backlog : 4096) != 0)
    return fail_socket (rec, a, "listen");
  if (a->accept_paced && a->accept_every > 0)
    g_ptr_array_add (rec->notes, g_strdup_printf (_("line %u: 'accepts every' is not recorded: the recorder "
                                                    "accepts only on accept lines"), a->line));
  s.local_port = a->port;
  g_array_append_val (rec->sockets, s);
  return TRUE;
}

static gboolean
do_connect (Recorder *rec, const SynackAction *a, guint32 conn)
{
  SynackHostId peer = a->host == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  struct sockaddr_in remote = { .sin_family = AF_INET, .sin_port = htons (a->port) };
  Socket s = { .host = a->host, .connecting = TRUE, .reading = TRUE };

  s.fd = new_socket (rec, a, a->host, a->local_port);
  if (s.fd < 0)
    return FALSE;
  inet_pton (AF_INET, synack_record_address (peer), &remote.sin_addr);
  /* A simultaneous open's two connects are one connection, as in the
   * simulation: the second names it. */
  s.conn = conn ? conn : ++rec->next_conn;
  rec->next_conn = MAX (rec->next_conn, s.conn);
  rec->latest[a->host] = s.conn;
  if (connect (s.fd, (struct sockaddr *) &remote, sizeof remote) == 0 || errno == EINPROGRESS)
    {
      s.local_port = local_port_of (s.fd);
      g_array_append_val (rec->sockets, s);
    }
  else if (errno == EADDRNOTAVAIL)
    /* Out of ports, as the simulation may be too: nothing is sent, and
     * the connection keeps its number. */
    close (s.fd);
  else
    return fail_socket (rec, a, "connect");
  if (a->repeat > 0)
    {
      SynackAction *again = g_memdup2 (a, sizeof *a);

      again->repeat--;
      again->conn = 0;
      g_ptr_array_add (rec->repeats, again);
      schedule (rec, now_us (rec) + a->every, again, 0);
    }
  return TRUE;
}

static void
close_socket (Socket *s)
{
  if (s->fd >= 0)
    close (s->fd);
  s->fd = -1;
}

static void accept_some (Recorder *rec, guint i, guint most);

/* One action of the script, now. FALSE stops the recording (rec->error). */
static gboolean
perform (Recorder *rec, const SynackAction *a, guint32 conn)
{
  struct linger abort_linger = { 1, 0 };
  Socket *s = NULL;

  switch (a->what)
    {
    case SYNACK_DO_LISTEN:
      return do_listen (rec, a);
    case SYNACK_DO_ACCEPT:
      for (guint i = 0; i < rec->sockets->len; i++)
        {
          const Socket *l = &g_array_index (rec->sockets, Socket, i);

          if (l->listening && l->host == a->host && l->local_port == a->port && l->fd >= 0)
            {
              accept_some (rec, i, 1);
              return TRUE;
            }
        }
      return TRUE;
    case SYNACK_DO_CLOSE_LISTENER:
      for (guint i = 0; i < rec->sockets->len; i++)
        {
          Socket *l = &g_array_index (rec->sockets, Socket, i);

          if (l->listening && l->host == a->host && l->local_port == a->port)
            close_socket (l);
        }
      return TRUE;
    case SYNACK_DO_SYN_FLOOD:
      g_ptr_array_add (rec->notes, g_strdup_printf (_("line %u: the attacker's forged SYNs are not recorded"), a->line));
      return TRUE;
    case SYNACK_DO_CONNECT:
      return do_connect (rec, a, a->conn ? a->conn : conn);
    case SYNACK_DO_UNPLUG:
    case SYNACK_DO_PLUG:
      return synack_record_set_unplugged (&rec->net, a->host, a->what == SYNACK_DO_UNPLUG, &rec->error);
    default:
      break;
    }

  s = find_socket (rec, a->host, a->conn ? a->conn : conn);
  if (s == NULL || s->fd < 0)
    {
      /* As in the simulation, a call on a connection that is gone fails
       * and the script goes on. */
      g_ptr_array_add (rec->notes, g_strdup_printf (_("line %u: %s on a connection that is already closed"),
                                                    a->line, synack_do_to_string (a->what)));
      return TRUE;
    }
  switch (a->what)
    {
    case SYNACK_DO_SEND:
      {
        g_autofree char *bytes = g_malloc0 (a->bytes);

        if (send (s->fd, bytes, a->bytes, MSG_NOSIGNAL) != (ssize_t) a->bytes)
          g_ptr_array_add (rec->notes, g_strdup_printf (_("line %u: send() did not take all the bytes: %s"),
                                                        a->line, g_strerror (errno)));
        return TRUE;
      }
    case SYNACK_DO_SHUTDOWN_WRITE:
      shutdown (s->fd, SHUT_WR);
      return TRUE;
    case SYNACK_DO_ABORT:
      setsockopt (s->fd, SOL_SOCKET, SO_LINGER, &abort_linger, sizeof abort_linger);
      close_socket (s);
      return TRUE;
    case SYNACK_DO_CLOSE:
      close_socket (s);
      return TRUE;
    case SYNACK_DO_READ_OFF:
    case SYNACK_DO_READ_ON:
      s->reading = a->what == SYNACK_DO_READ_ON;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The connection a server's accepted socket belongs to: the client's
 * socket with the same port. */
static guint32
conn_of_port (Recorder *rec, uint16_t client_port)
{
  for (guint i = rec->sockets->len; i-- > 0;)
    {
      const Socket *s = &g_array_index (rec->sockets, Socket, i);

      if (s->host == SYNACK_CLIENT && s->local_port == client_port)
        return s->conn;
    }
  return ++rec->next_conn;
}

/* Takes every connection the listener at index i has ready. Each one
 * grows the socket array, so the listener is looked up by index. */
static void
accept_some (Recorder *rec, guint i, guint most)
{
  struct sockaddr_in peer;
  socklen_t len = sizeof peer;
  int fd;

  while (most-- > 0 && (fd = accept4 (g_array_index (rec->sockets, Socket, i).fd, (struct sockaddr *) &peer, &len,
                        SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0)
    {
      const Socket *listener = &g_array_index (rec->sockets, Socket, i);
      Socket s = { .fd = fd, .host = listener->host, .reading = TRUE, .local_port = listener->local_port };

      s.conn = conn_of_port (rec, ntohs (peer.sin_port));
      rec->latest[s.host] = s.conn;
      g_array_append_val (rec->sockets, s);
      react (rec, &s, SYNACK_WHEN_ESTABLISHED, 0);
      len = sizeof peer;
    }
}

/* What poll() said about socket i. The array may grow meanwhile, so the
 * socket is looked up again after each step that can add one. */
static void
handle_socket (Recorder *rec, guint i, short revents)
{
  Socket *s = &g_array_index (rec->sockets, Socket, i);
  char buf[65536];
  ssize_t n;

  if (s->listening)
    {
      accept_some (rec, i, G_MAXUINT);
      return;
    }
  if (s->connecting)
    {
      int err = 0;
      socklen_t len = sizeof err;

      getsockopt (s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
      s->connecting = FALSE;
      if (err != 0)
        {
          g_ptr_array_add (rec->notes, g_strdup_printf (_("connection %u: connect() failed: %s"), s->conn,
                                                        g_strerror (err)));
          close_socket (s);
          return;
        }
      react (rec, s, SYNACK_WHEN_ESTABLISHED, 0);
      return;
    }
  if (!(revents & (POLLIN | POLLHUP | POLLERR)))
    return;
  while ((n = recv (s->fd, buf, sizeof buf, 0)) > 0)
    {
      guint64 before = s->received;

      s->received += n;
      react (rec, s, SYNACK_WHEN_RECEIVED, before);
      s = &g_array_index (rec->sockets, Socket, i);
    }
  if (n == 0 && !s->eof)
    {
      s->eof = TRUE;
      react (rec, s, SYNACK_WHEN_EOF, 0);
    }
  else if (n < 0 && errno != EAGAIN)
    {
      /* A reset: the application sees the error and lets go. */
      g_ptr_array_add (rec->notes, g_strdup_printf (s->host == SYNACK_CLIENT
                                                    ? _("connection %u: the client's recv() failed: %s")
                                                    : _("connection %u: the server's recv() failed: %s"),
                                                    s->conn, g_strerror (errno)));
      close_socket (s);
    }
}

/* What a host's kernel sent: captured now, at the sender's egress, and on
 * its way to the other host for the delay of its direction. */
static void
read_link (Recorder *rec, SynackHostId sender)
{
  SynackDirection dir = sender == SYNACK_CLIENT ? SYNACK_C2S : SYNACK_S2C;
  Flight *flight = g_new (Flight, 1);
  ssize_t n;

  while ((n = read (rec->net.tun[sender], flight->data, sizeof flight->data)) > 0)
    {
      struct pcap_pkthdr header = { .caplen = MIN ((guint) n, CAPTURE_SNAPLEN), .len = (guint) n };
      gint64 wall = g_get_real_time ();

      header.ts.tv_sec = wall / G_USEC_PER_SEC;
      header.ts.tv_usec = wall % G_USEC_PER_SEC;
      /* Only TCP is the capture's: the kernels' other packets (IPv6
       * router solicitations…) still cross. */
      if (n >= 20 && (flight->data[0] >> 4) == 4 && flight->data[9] == IPPROTO_TCP)
        pcap_dump ((u_char *) rec->dumper, &header, flight->data);
      flight->len = (gsize) n;
      flight->arrives_us = now_us (rec) + rec->script->params.delay[dir];
      g_queue_push_tail (&rec->in_flight[sender], flight);
      flight = g_new (Flight, 1);
    }
  g_free (flight);
}

/* Hands each packet whose delay is over to the other host's kernel. */
static void
deliver_due (Recorder *rec)
{
  for (int sender = 0; sender < SYNACK_N_HOSTS; sender++)
    {
      Flight *flight;

      while ((flight = g_queue_peek_head (&rec->in_flight[sender])) && flight->arrives_us <= now_us (rec))
        {
          /* A full queue on the far side is a loss, as on a wire. */
          if (write (rec->net.tun[sender == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT], flight->data,
                     flight->len) < 0)
            note_once (rec, _("a segment was lost on the way: the receiving link's queue was full"));
          g_free (g_queue_pop_head (&rec->in_flight[sender]));
        }
    }
}

/* When the next packet arrives, or duration if none is on its way. */
static gint64
next_arrival (const Recorder *rec, gint64 duration)
{
  gint64 next = duration;

  for (int sender = 0; sender < SYNACK_N_HOSTS; sender++)
    {
      const Flight *flight = g_queue_peek_head ((GQueue *) &rec->in_flight[sender]);

      if (flight)
        next = MIN (next, flight->arrives_us);
    }
  return next;
}

/* The earliest due action's index, or -1. */
static int
next_due (const Recorder *rec)
{
  int best = -1;

  for (guint i = 0; i < rec->due->len; i++)
    {
      const Due *d = &g_array_index (rec->due, Due, i);

      if (best < 0 || d->due_us < g_array_index (rec->due, Due, best).due_us ||
          (d->due_us == g_array_index (rec->due, Due, best).due_us && d->order < g_array_index (rec->due, Due, best).order))
        best = (int) i;
    }
  return best;
}

static gboolean
run_loop (Recorder *rec, SynackTime duration)
{
  g_autoptr (GArray) fds = g_array_new (FALSE, TRUE, sizeof (struct pollfd));
  g_autoptr (GArray) owners = g_array_new (FALSE, TRUE, sizeof (guint));

  rec->start_us = g_get_monotonic_time ();
  for (size_t i = 0; i < rec->script->n_actions; i++)
    if (rec->script->actions[i].when == SYNACK_WHEN_TIME)
      schedule (rec, rec->script->actions[i].at, &rec->script->actions[i], rec->script->actions[i].conn);

  while (now_us (rec) < duration)
    {
      int due = next_due (rec);
      gint64 wake = next_arrival (rec, due >= 0 ? MIN (g_array_index (rec->due, Due, due).due_us, duration) : duration);
      struct pollfd links[SYNACK_N_HOSTS] = { { rec->net.tun[SYNACK_CLIENT], POLLIN, 0 },
                                              { rec->net.tun[SYNACK_SERVER], POLLIN, 0 } };
      /* A delay is kept to the millisecond poll() counts in, and better:
       * a packet due within the next one is waited for exactly below. */
      int timeout_ms = (int) CLAMP ((wake - now_us (rec)) / 1000, 0, 1000);

      g_array_set_size (fds, 0);
      g_array_set_size (owners, 0);
      g_array_append_vals (fds, links, SYNACK_N_HOSTS);
      for (guint i = 0; i < rec->sockets->len; i++)
        {
          const Socket *s = &g_array_index (rec->sockets, Socket, i);
          struct pollfd p = { s->fd, s->connecting ? POLLOUT : POLLIN, 0 };

          if (s->fd < 0 || (!s->connecting && !s->listening && (!s->reading || s->eof)) ||
              (s->listening && s->accept_on_call))
            continue;
          g_array_append_val (fds, p);
          g_array_append_val (owners, i);
        }
      if (poll ((struct pollfd *) fds->data, fds->len, timeout_ms) < 0 && errno != EINTR)
        {
          g_set_error (&rec->error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_SOCKET, "poll(): %s", g_strerror (errno));
          return FALSE;
        }
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        if (g_array_index (fds, struct pollfd, h).revents & POLLIN)
          read_link (rec, h);
      if (timeout_ms == 0 && wake > now_us (rec))
        g_usleep (wake - now_us (rec));
      deliver_due (rec);
      for (guint k = SYNACK_N_HOSTS; k < fds->len; k++)
        if (g_array_index (fds, struct pollfd, k).revents)
          handle_socket (rec, g_array_index (owners, guint, k - SYNACK_N_HOSTS),
                         g_array_index (fds, struct pollfd, k).revents);

      while ((due = next_due (rec)) >= 0 && g_array_index (rec->due, Due, due).due_us <= now_us (rec))
        {
          Due d = g_array_index (rec->due, Due, due);

          g_array_remove_index_fast (rec->due, due);
          if (!perform (rec, d.action, d.conn))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
open_capture (Recorder *rec, const char *tmp_path, GError **error)
{
  rec->pcap = pcap_open_dead (DLT_IPV4, CAPTURE_SNAPLEN);
  rec->dumper = rec->pcap ? pcap_dump_open (rec->pcap, tmp_path) : NULL;
  if (rec->dumper == NULL)
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_WRITE, _("cannot write %s: %s"), tmp_path,
                   rec->pcap ? pcap_geterr (rec->pcap) : g_strerror (ENOMEM));
      return FALSE;
    }
  return TRUE;
}

/* What real sockets cannot do at all, refused before anything changes. */
static gboolean
check_script (const SynackScript *script, GError **error)
{
  for (size_t i = 0; i < script->n_actions; i++)
    {
      const SynackAction *a = &script->actions[i];

      if (a->what == SYNACK_DO_CRASH)
        {
          g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_UNSUPPORTED,
                       _("line %u: a host cannot crash on real sockets (its kernel would answer for it)"), a->line);
          return FALSE;
        }
      if (a->poisson || a->burst > 1 || (a->what == SYNACK_DO_SEND && a->repeat > 0) || a->each)
        {
          g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_UNSUPPORTED,
                       _("line %u: the recorder makes a repeat only of a connect at a fixed interval, "
                         "not bursts, Poisson arrivals, repeated sends or 'received each'"), a->line);
          return FALSE;
        }
      if (a->when == SYNACK_WHEN_CLOSED)
        {
          g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_UNSUPPORTED,
                       _("line %u: an application does not see when the kernel lets go of a connection, "
                         "so 'when … closed' cannot run on real sockets"), a->line);
          return FALSE;
        }
    }
  return TRUE;
}

/* Notes for what the script asks of the sockets that Linux does not let
 * an application choose. */
static void
note_script (Recorder *rec)
{
  for (size_t i = 0; i < rec->script->n_actions; i++)
    if (rec->script->actions[i].has_isn)
      note_once (rec, _("isn= cannot be chosen: the kernel draws each ISN itself (the comparison counts from it)"));
}

gboolean
synack_record_script (const SynackScript *script, SynackTime duration, const char *path, GPtrArray *notes,
                      GError **error)
{
  Recorder rec = { .script = script, .notes = notes };
  g_autofree char *tmp_path = g_strdup_printf ("%s.part-XXXXXX", path);
  gboolean ok = FALSE;
  mode_t mask;
  int tmp_fd;

  if (!check_script (script, error))
    return FALSE;
  if (!synack_record_network_setup (script, &rec.net, notes, error))
    {
      synack_record_network_close (&rec.net);
      return FALSE;
    }
  tmp_fd = g_mkstemp (tmp_path);
  if (tmp_fd < 0)
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_WRITE, _("cannot write %s: %s"), path,
                   g_strerror (errno));
      synack_record_network_close (&rec.net);
      return FALSE;
    }
  close (tmp_fd);
  /* mkstemp makes it private; a capture is a file like any other. */
  umask (mask = umask (0));
  g_chmod (tmp_path, 0666 & ~mask);
  rec.sockets = g_array_new (FALSE, TRUE, sizeof (Socket));
  rec.due = g_array_new (FALSE, TRUE, sizeof (Due));
  rec.repeats = g_ptr_array_new_with_free_func (g_free);
  note_script (&rec);
  if (open_capture (&rec, tmp_path, error))
    {
      ok = run_loop (&rec, duration);
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&rec.error));
    }
  if (rec.dumper && (pcap_dump_flush (rec.dumper) != 0) && ok)
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_WRITE, _("cannot write %s: %s"), path,
                   g_strerror (errno));
      ok = FALSE;
    }
  g_clear_pointer (&rec.dumper, pcap_dump_close);
  g_clear_pointer (&rec.pcap, pcap_close);
  for (guint i = 0; i < rec.sockets->len; i++)
    close_socket (&g_array_index (rec.sockets, Socket, i));
  g_array_unref (rec.sockets);
  g_array_unref (rec.due);
  g_ptr_array_unref (rec.repeats);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    g_queue_clear_full (&rec.in_flight[h], g_free);
  synack_record_network_close (&rec.net);
  g_clear_error (&rec.error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_WRITE, _("cannot write %s: %s"), path,
                   g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}
