/* placeholder: replaced by the kernel core */
#include <ostd/boot.h>
#include <ostd/power.h>
_Noreturn void racho_main(void) { ostd_power_off(false); }
