/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/cmdline.h - the boot command line (-append "...").
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

/*
 * Applies the parameters the kernel understands so far:
 *   loglevel=N  Linux console levels: 0-3 error, 4 warn, 5-6 info,
 *               7 and up debug; or a name: error warn info debug trace
 *   debug       same as loglevel=7;  quiet  same as loglevel=4
 * Unknown parameters are ignored, as Linux passes them on to init.
 */
void cmdline_apply(void);

#endif
