/* SPDX-License-Identifier: GPL-2.0 */
/* kernel/apps.h - the user apps embedded in the image (tools/embed_apps.py). */
#ifndef KERNEL_APPS_H
#define KERNEL_APPS_H

#include <stddef.h>
#include <stdint.h>

struct app_image {
	const char *name;
	const uint8_t *data;
	size_t size;
};

extern const struct app_image app_images[];
extern const size_t app_count;

#endif
