// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/cpio.c - reader for "newc" cpio archives (the initramfs).
 *
 * Safe C: the archive is only read through ostd_bytes accessors, so every
 * byte access is bounds-checked by ostd; on top of that, every size taken
 * from a header is checked against the archive before it is used, with
 * overflow-checked arithmetic, so a malformed or hostile initrd yields
 * CPIO_EINVAL and an offset, never a wild read. See cpio.h for the format.
 */
#include "cpio.h"

enum {
	CPIO_HDR_LEN = 110,   /* "07070x" + 13 fields of 8 hex digits */
	CPIO_MAGIC_LEN = 6,
	CPIO_FIELD_LEN = 8,
	CPIO_NFIELDS = 13,
};

/* Header fields, in archive order. */
enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
};

/* Start-of-file magics of compressed initramfs images (Linux's list). */
static const struct {
	uint8_t magic[2];
	const char *name;
} compressed_magics[] = {
	{ { 0x1f, 0x8b }, "gzip" },
	{ { 0x1f, 0x9e }, "gzip" },
	{ { 0x42, 0x5a }, "bzip2" },
	{ { 0x5d, 0x00 }, "lzma" },
	{ { 0xfd, 0x37 }, "xz" },
	{ { 0x89, 0x4c }, "lzo" },
	{ { 0x02, 0x21 }, "lz4" },
	{ { 0x28, 0xb5 }, "zstd" },
};

const char *cpio_compression(struct ostd_bytes archive)
{
	struct ostd_bytes head;
	size_t i;

	if (!ostd_bytes_sub(archive, 0, 2, &head))
		return NULL;
	for (i = 0; i < sizeof(compressed_magics) / sizeof(compressed_magics[0]); i++) {
		struct ostd_bytes m = ostd_bytes_of(compressed_magics[i].magic, 2);

		if (ostd_bytes_eq(head, m))
			return compressed_magics[i].name;
	}
	return NULL;
}

void cpio_iter_init(struct cpio_iter *it, struct ostd_bytes archive)
{
	it->archive = archive;
	it->off = 0;
	it->state = archive.len == 0 ? 1 : 0;
	it->err_msg = NULL;
	it->err_off = 0;
	it->compression = NULL;
}

/* Records a sticky error and returns it. */
static int fail(struct cpio_iter *it, int err, size_t off, const char *msg)
{
	it->state = err;
	it->err_msg = msg;
	it->err_off = off;
	return err;
}

/* x rounded up to a multiple of 4; false if that overflows. */
static bool align4(size_t x, size_t *out)
{
	size_t pad = (4 - (x & 3)) & 3;

	if (x > SIZE_MAX - pad)
		return false;
	*out = x + pad;
	return true;
}

/* The value of hex digit @c (either case), or false if it is not one. */
static bool hex_digit(uint8_t c, uint32_t *out)
{
	uint32_t u = c;

	if (u >= '0' && u <= '9')
		*out = u - '0';
	else if (u >= 'a' && u <= 'f')
		*out = u - 'a' + 10;
	else if (u >= 'A' && u <= 'F')
		*out = u - 'A' + 10;
	else
		return false;
	return true;
}

/* Parses the 8 hex digits of field @f (an enum cpio_field) of header @hdr. */
static bool hex_field(struct ostd_bytes hdr, size_t f, uint32_t *out)
{
	uint8_t digits[CPIO_FIELD_LEN];
	uint32_t v = 0;
	uint32_t d;
	size_t i;

	if (ostd_bytes_copy(hdr, CPIO_MAGIC_LEN + f * CPIO_FIELD_LEN, digits,
			    CPIO_FIELD_LEN) != CPIO_FIELD_LEN)
		return false;
	for (i = 0; i < CPIO_FIELD_LEN; i++) {
		if (!hex_digit(digits[i], &d))
			return false;
		v = v * 16 + d;
	}
	*out = v;
	return true;
}

/* "070701" (newc) or "070702" (newc with checksums). */
static bool magic_ok(struct ostd_bytes hdr)
{
	struct ostd_bytes magic, prefix;
	int last = ostd_bytes_at(hdr, CPIO_MAGIC_LEN - 1);

	if (!ostd_bytes_sub(hdr, 0, CPIO_MAGIC_LEN - 1, &magic))
		return false;
	prefix = ostd_bytes_cstr("07070");
	return ostd_bytes_eq(magic, prefix) && (last == '1' || last == '2');
}

/* Parses all numeric fields of @hdr into @e and the name size into @namesize. */
static bool parse_fields(struct ostd_bytes hdr, struct cpio_entry *e,
			 uint32_t *namesize)
{
	uint32_t v[CPIO_NFIELDS];
	size_t f;

	for (f = 0; f < CPIO_NFIELDS; f++)
		if (!hex_field(hdr, f, &v[f]))
			return false;
	e->ino = v[F_INO];
	e->mode = v[F_MODE];
	e->uid = v[F_UID];
	e->gid = v[F_GID];
	e->nlink = v[F_NLINK];
	e->mtime = v[F_MTIME];
	e->filesize = v[F_FILESIZE];
	e->devmajor = v[F_DEVMAJOR];
	e->devminor = v[F_DEVMINOR];
	e->rdevmajor = v[F_RDEVMAJOR];
	e->rdevminor = v[F_RDEVMINOR];
	*namesize = v[F_NAMESIZE];
	return true;
}

/*
 * Reads the name at @name_off (@namesize bytes with the NUL) into e->name
 * and sets *data_off to the 4-aligned offset after it. Returns an error
 * message, or NULL if the name is well formed.
 */
static const char *parse_name(struct ostd_bytes ar, size_t name_off,
			      uint32_t namesize, struct cpio_entry *e,
			      size_t *data_off)
{
	struct ostd_bytes with_nul;

	if (namesize < 2)
		return "empty name (namesize < 2)";
	if (!ostd_bytes_sub(ar, name_off, namesize, &with_nul))
		return "name runs past the end of the archive";
	if (ostd_bytes_at(with_nul, namesize - 1) != 0)
		return "name is not NUL-terminated";
	if (!ostd_bytes_sub(with_nul, 0, namesize - 1, &e->name))
		return "name runs past the end of the archive";
	if (ostd_bytes_find(e->name, 0, 0) >= 0)
		return "NUL byte inside the name";
	/* name_off + namesize <= ar.len: checked by the sub above */
	if (!align4(name_off + namesize, data_off))
		return "name padding overflows";
	return NULL;
}

/*
 * Sets e->data to the entry's data at @data_off and *next to the 4-aligned
 * offset after it. Returns an error message, or NULL.
 */
static const char *parse_data(struct ostd_bytes ar, size_t data_off,
			      struct cpio_entry *e, size_t *next)
{
	if (e->filesize == 0) {
		/* the padding of an empty last entry may be cut off */
		e->data = ostd_bytes_empty();
		*next = data_off;
		return NULL;
	}
	if (!ostd_bytes_sub(ar, data_off, e->filesize, &e->data))
		return "data runs past the end of the archive";
	if (!align4(data_off + e->filesize, next))
		return "data padding overflows";
	return NULL;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *out)
{
	struct cpio_entry e;
	struct ostd_bytes hdr;
	uint32_t namesize;
	size_t off = it->off;
	size_t data_off;
	size_t next;
	const char *msg;

	if (it->state != 0)
		return it->state > 0 ? 0 : it->state;
	if (off == 0) {
		it->compression = cpio_compression(it->archive);
		if (it->compression)
			return fail(it, CPIO_ENOTSUP, 0,
				    "compressed initramfs is not supported");
	}
	if (!ostd_bytes_sub(it->archive, off, CPIO_HDR_LEN, &hdr))
		return fail(it, CPIO_EINVAL, off,
			    "truncated header (no TRAILER!!! before the end)");
	if (!magic_ok(hdr))
		return fail(it, CPIO_EINVAL, off, "bad magic (not a newc cpio archive)");
	if (!parse_fields(hdr, &e, &namesize))
		return fail(it, CPIO_EINVAL, off, "bad hex digit in header");
	e.offset = off;
	/* off + CPIO_HDR_LEN <= archive.len: checked by the sub above */
	msg = parse_name(it->archive, off + CPIO_HDR_LEN, namesize, &e, &data_off);
	if (!msg)
		msg = parse_data(it->archive, data_off, &e, &next);
	if (msg)
		return fail(it, CPIO_EINVAL, off, msg);
	if (ostd_bytes_eq(e.name, ostd_bytes_cstr("TRAILER!!!"))) {
		it->state = 1;
		it->off = next;
		return 0;
	}
	it->off = next;
	*out = e;
	return 1;
}
