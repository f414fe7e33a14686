/* synack-options.h: the TCP options a segment carries (MSS, RFC 9293 3.2;
 * window scale and timestamps, RFC 7323; SACK, RFC 2018 and RFC 2883),
 * laid out on the wire in the order and with the padding Linux uses. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which options a segment carries: a bit each. */
typedef enum {
  SYNACK_OPTION_MSS        = 1 << 0,
  SYNACK_OPTION_SACK_PERM  = 1 << 1,
  SYNACK_OPTION_TIMESTAMPS = 1 << 2,
  SYNACK_OPTION_WSCALE     = 1 << 3,
  SYNACK_OPTION_SACK       = 1 << 4,
} SynackOptionFlags;

/* The kind byte of each option on the wire (IANA's numbers). */
typedef enum {
  SYNACK_OPTION_KIND_EOL        = 0,
  SYNACK_OPTION_KIND_NOP        = 1,
  SYNACK_OPTION_KIND_MSS        = 2,
  SYNACK_OPTION_KIND_WSCALE     = 3,
  SYNACK_OPTION_KIND_SACK_PERM  = 4,
  SYNACK_OPTION_KIND_SACK       = 5,
  SYNACK_OPTION_KIND_TIMESTAMPS = 8,
} SynackOptionKind;

/* 40 bytes of options at most (a data offset of 15 words); SACK blocks
 * take 8 bytes each, so four fit alone and three beside timestamps. */
#define SYNACK_OPTION_BYTES_MAX 40
#define SYNACK_SACK_BLOCKS_MAX  4
/* The most items a layout can hold: every option with its padding. */
#define SYNACK_OPTION_ITEMS_MAX 16

typedef struct {
  uint32_t start;   /* the first sequence number of the block */
  uint32_t end;     /* just past its last */
} SynackSackBlock;

typedef struct {
  uint8_t         present;   /* SynackOptionFlags */
  uint8_t         wscale;    /* WS: the shift count */
  uint8_t         n_sack;    /* SACK: how many blocks; the first may be a D-SACK */
  uint16_t        mss;
  uint32_t        tsval;
  uint32_t        tsecr;
  SynackSackBlock sack[SYNACK_SACK_BLOCKS_MAX];
} SynackOptions;

/* The kinds of `options` in the order Linux's tcp_options_write() puts them
 * on the wire, NOPs included (MSS; SACK-permitted beside the timestamps, or
 * after two NOPs without them; window scale after one NOP; SACK blocks after
 * two): fills up to SYNACK_OPTION_ITEMS_MAX kinds and returns their number.
 * SACK blocks that would not fit are left out. */
size_t   synack_options_layout (const SynackOptions *options, SynackOptionKind *kinds);

/* The option bytes of `options` (a multiple of four), written into `out`;
 * returns their number. */
size_t   synack_options_write  (const SynackOptions *options, uint8_t out[SYNACK_OPTION_BYTES_MAX]);

/* Reads the options of a received header. Unknown kinds are skipped; a
 * length that runs past the end or is too short for its kind makes it
 * return false (what was read before stays in `out`). */
bool     synack_options_parse  (const uint8_t *bytes, size_t n_bytes, SynackOptions *out);

/* How many SACK blocks of `options` go on the wire. */
unsigned synack_options_sack_blocks_sent (const SynackOptions *options);

/* The TCP header's length in bytes: 20 and the options (the data offset
 * times four). */
unsigned synack_options_header_length (const SynackOptions *options);

/* The trace's name of an option kind: "MSS", "SACK_PERM", "TS", "WS",
 * "SACK", "NOP" (the spelling of Wireshark's summary). */
const char *synack_option_kind_to_string (SynackOptionKind kind);
