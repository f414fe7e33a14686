/* synack-options.c: TCP options in Linux's wire layout, written and read. */
#include <string.h>

#include "synack-options.h"

#define MSS_BYTES        4
#define WSCALE_BYTES     3
#define SACK_PERM_BYTES  2
#define TIMESTAMP_BYTES 10
#define SACK_BASE_BYTES  2
#define SACK_BLOCK_BYTES 8

unsigned
synack_options_sack_blocks_sent (const SynackOptions *options)
{
  /* What is left after the other options, less the SACK option's own two
   * NOPs, kind and length (Linux's tcp_established_options()). */
  unsigned room = SYNACK_OPTION_BYTES_MAX - 4;
  unsigned n = options->n_sack;

  if (!(options->present & SYNACK_OPTION_SACK))
    return 0;
  if (options->present & SYNACK_OPTION_TIMESTAMPS)
    room -= 12;
  if (options->present & SYNACK_OPTION_MSS)
    room -= 4;
  if (options->present & SYNACK_OPTION_WSCALE)
    room -= 4;
  if ((options->present & SYNACK_OPTION_SACK_PERM) && !(options->present & SYNACK_OPTION_TIMESTAMPS))
    room -= 4;
  if (n > room / SACK_BLOCK_BYTES)
    n = room / SACK_BLOCK_BYTES;
  return n > SYNACK_SACK_BLOCKS_MAX ? SYNACK_SACK_BLOCKS_MAX : n;
}

size_t
synack_options_layout (const SynackOptions *options, SynackOptionKind *kinds)
{
  unsigned present = options->present;
  size_t n = 0;

  if (present & SYNACK_OPTION_MSS)
    kinds[n++] = SYNACK_OPTION_KIND_MSS;
  if (present & SYNACK_OPTION_TIMESTAMPS)
    {
      /* SACK-permitted takes the two bytes the timestamps would pad. */
      if (present & SYNACK_OPTION_SACK_PERM)
        kinds[n++] = SYNACK_OPTION_KIND_SACK_PERM;
      else
        {
          kinds[n++] = SYNACK_OPTION_KIND_NOP;
          kinds[n++] = SYNACK_OPTION_KIND_NOP;
        }
      kinds[n++] = SYNACK_OPTION_KIND_TIMESTAMPS;
    }
  else if (present & SYNACK_OPTION_SACK_PERM)
    {
      kinds[n++] = SYNACK_OPTION_KIND_NOP;
      kinds[n++] = SYNACK_OPTION_KIND_NOP;
      kinds[n++] = SYNACK_OPTION_KIND_SACK_PERM;
    }
  if (present & SYNACK_OPTION_WSCALE)
    {
      kinds[n++] = SYNACK_OPTION_KIND_NOP;
      kinds[n++] = SYNACK_OPTION_KIND_WSCALE;
    }
  if (synack_options_sack_blocks_sent (options) > 0)
    {
      kinds[n++] = SYNACK_OPTION_KIND_NOP;
      kinds[n++] = SYNACK_OPTION_KIND_NOP;
      kinds[n++] = SYNACK_OPTION_KIND_SACK;
    }
  return n;
}

static uint8_t *
put32 (uint8_t *p, uint32_t value)
{
  p[0] = (uint8_t) (value >> 24);
  p[1] = (uint8_t) (value >> 16);
  p[2] = (uint8_t) (value >> 8);
  p[3] = (uint8_t) value;
  return p + 4;
}

static uint32_t
get32 (const uint8_t *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

size_t
synack_options_write (const SynackOptions *options, uint8_t out[SYNACK_OPTION_BYTES_MAX])
{
  SynackOptionKind kinds[SYNACK_OPTION_ITEMS_MAX];
  size_t n = synack_options_layout (options, kinds);
  unsigned blocks = synack_options_sack_blocks_sent (options);
  uint8_t *p = out;

  for (size_t i = 0; i < n; i++)
    switch (kinds[i])
      {
      case SYNACK_OPTION_KIND_NOP:
      case SYNACK_OPTION_KIND_EOL:
        *p++ = (uint8_t) kinds[i];
        break;
      case SYNACK_OPTION_KIND_MSS:
        *p++ = SYNACK_OPTION_KIND_MSS;
        *p++ = MSS_BYTES;
        *p++ = (uint8_t) (options->mss >> 8);
        *p++ = (uint8_t) options->mss;
        break;
      case SYNACK_OPTION_KIND_WSCALE:
        *p++ = SYNACK_OPTION_KIND_WSCALE;
        *p++ = WSCALE_BYTES;
        *p++ = options->wscale;
        break;
      case SYNACK_OPTION_KIND_SACK_PERM:
        *p++ = SYNACK_OPTION_KIND_SACK_PERM;
        *p++ = SACK_PERM_BYTES;
        break;
      case SYNACK_OPTION_KIND_TIMESTAMPS:
        *p++ = SYNACK_OPTION_KIND_TIMESTAMPS;
        *p++ = TIMESTAMP_BYTES;
        p = put32 (p, options->tsval);
        p = put32 (p, options->tsecr);
        break;
      case SYNACK_OPTION_KIND_SACK:
        *p++ = SYNACK_OPTION_KIND_SACK;
        *p++ = (uint8_t) (SACK_BASE_BYTES + blocks * SACK_BLOCK_BYTES);
        for (unsigned b = 0; b < blocks; b++)
          {
            p = put32 (p, options->sack[b].start);
            p = put32 (p, options->sack[b].end);
          }
        break;
      }
  return (size_t) (p - out);
}

unsigned
synack_options_header_length (const SynackOptions *options)
{
  uint8_t bytes[SYNACK_OPTION_BYTES_MAX];

  return 20 + (unsigned) synack_options_write (options, bytes);
}

bool
synack_options_parse (const uint8_t *bytes, size_t n_bytes, SynackOptions *out)
{
  size_t i = 0;

  memset (out, 0, sizeof *out);
  while (i < n_bytes)
    {
      uint8_t kind = bytes[i];
      uint8_t len;

      if (kind == SYNACK_OPTION_KIND_EOL)
        return true;
      if (kind == SYNACK_OPTION_KIND_NOP)
        {
          i++;
          continue;
        }
      if (i + 1 >= n_bytes)
        return false;
      len = bytes[i + 1];
      if (len < 2 || i + len > n_bytes)
        return false;
      switch (kind)
        {
        case SYNACK_OPTION_KIND_MSS:
          if (len != MSS_BYTES)
            return false;
          out->present |= SYNACK_OPTION_MSS;
          out->mss = (uint16_t) (bytes[i + 2] << 8 | bytes[i + 3]);
          break;
        case SYNACK_OPTION_KIND_WSCALE:
          if (len != WSCALE_BYTES)
            return false;
          out->present |= SYNACK_OPTION_WSCALE;
          out->wscale = bytes[i + 2];
          break;
        case SYNACK_OPTION_KIND_SACK_PERM:
          if (len != SACK_PERM_BYTES)
            return false;
          out->present |= SYNACK_OPTION_SACK_PERM;
          break;
        case SYNACK_OPTION_KIND_TIMESTAMPS:
          if (len != TIMESTAMP_BYTES)
            return false;
          out->present |= SYNACK_OPTION_TIMESTAMPS;
          out->tsval = get32 (bytes + i + 2);
          out->tsecr = get32 (bytes + i + 6);
          break;
        case SYNACK_OPTION_KIND_SACK:
          if ((len - SACK_BASE_BYTES) % SACK_BLOCK_BYTES != 0)
            return false;
          out->present |= SYNACK_OPTION_SACK;
          out->n_sack = 0;
          for (unsigned off = SACK_BASE_BYTES; off < len && out->n_sack < SYNACK_SACK_BLOCKS_MAX;
               off += SACK_BLOCK_BYTES)
            {
              out->sack[out->n_sack].start = get32 (bytes + i + off);
              out->sack[out->n_sack].end = get32 (bytes + i + off + 4);
              out->n_sack++;
            }
          break;
        default:
          break;
        }
      i += len;
    }
  return true;
}

const char *
synack_option_kind_to_string (SynackOptionKind kind)
{
  switch (kind)
    {
    case SYNACK_OPTION_KIND_EOL:
      return "EOL";
    case SYNACK_OPTION_KIND_NOP:
      return "NOP";
    case SYNACK_OPTION_KIND_MSS:
      return "MSS";
    case SYNACK_OPTION_KIND_WSCALE:
      return "WS";
    case SYNACK_OPTION_KIND_SACK_PERM:
      return "SACK_PERM";
    case SYNACK_OPTION_KIND_SACK:
      return "SACK";
    case SYNACK_OPTION_KIND_TIMESTAMPS:
      return "TS";
    }
  return "?";
}
