// libxlsxwriter (Debian: libxlsxwriter-dev), which writes .xlsx workbooks for --xlsx.
#ifndef DISCOURSE_CXLSXWRITER_SHIM_H
#define DISCOURSE_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
