#ifndef GRASSROOTS_CLIBPQ_SHIM_H
#define GRASSROOTS_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>

// The PG_DIAG_* field codes are character-literal macros, which the Swift importer does not
// import ("cannot find 'PG_DIAG_SQLSTATE' in scope"); re-export the ones we read as constants.
static const int CLibPQDiagSQLState = PG_DIAG_SQLSTATE;
static const int CLibPQDiagMessagePrimary = PG_DIAG_MESSAGE_PRIMARY;
static const int CLibPQDiagMessageDetail = PG_DIAG_MESSAGE_DETAIL;
static const int CLibPQDiagConstraintName = PG_DIAG_CONSTRAINT_NAME;
static const int CLibPQDiagTableName = PG_DIAG_TABLE_NAME;
static const int CLibPQDiagColumnName = PG_DIAG_COLUMN_NAME;

#endif
